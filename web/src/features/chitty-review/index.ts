// The review screen loads on demand: import("./ChittyReviewPage").
export { choicesFor, photoNote, type Suggestion, type Chitty } from "./review";
