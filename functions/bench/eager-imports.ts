// Baseline for the cold-start benchmark: what the entry module would cost if it imported every
// dependency at load time instead of lazily.
/* eslint-disable @typescript-eslint/no-require-imports */
require("firebase-functions/v2/https");
require("firebase-functions/v2/firestore");
require("firebase-functions/v2/scheduler");
require("firebase-functions/v2/tasks");
require("firebase-admin/app");
require("firebase-admin/firestore");
require("firebase-admin/auth");
require("express");
require("zod");
require("@asteasolutions/zod-to-openapi");
require("csv-parse");
require("busboy");
require("geofire-common");
require("sharp");
require("@google-cloud/vision");
