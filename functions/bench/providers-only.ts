// Floor for the cold-start benchmark: the firebase-functions provider modules the entry module
// must load to declare its functions, and nothing else.
/* eslint-disable @typescript-eslint/no-require-imports */
require("firebase-functions/v2/https");
require("firebase-functions/v2/firestore");
require("firebase-functions/v2/scheduler");
require("firebase-functions/v2/tasks");
require("firebase-functions/v2/storage");
require("firebase-functions/params");
require("firebase-admin/app");
