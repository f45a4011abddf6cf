// The import screen is loaded on demand (it brings the drop zone): import("./ImportPage").
export { importProgress, type ImportJob } from "./useImportJob";
