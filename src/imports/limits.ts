/** Imports larger than this go through the CLI, which has no request size or time limit. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024
