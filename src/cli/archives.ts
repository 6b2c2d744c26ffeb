/**
 * The archive readers, for `manifest validate ARCHIVE...` only: imported lazily so that a validate
 * of the tree alone does not load the tar and zip readers and hashing (3–6 ms of its ~115 ms, 3 alternating sets of 21 runs).
 */
export { validateArchives } from '../index.js';
