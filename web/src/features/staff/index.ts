// The staff screen is loaded on demand: import("./StaffPage").
export { useMembers, type Member } from "./useMembers";
