#!/usr/bin/env node
/**
 * The floor of a Node.js tree walk, for `npm run bench -- --only floor`: what any walker written for
 * Node costs on a tree before it decides anything. It reads the directories `manifest ls` reads (the
 * ones it does not enter are given in a file, one project-relative path per line) with
 * `readdirSync(withFileTypes)`, and prints every non-directory entry, one per line, in one write.
 * No ignore rules, no sorting, no manifest: a lower bound on `manifest ls`, not a competitor.
 *
 * usage: node bench/floor.mjs TREE SKIP-FILE
 */
import { readdirSync, readFileSync } from 'node:fs';

const [root, skipFile] = process.argv.slice(2);
const skip = new Set(readFileSync(skipFile, 'utf8').split('\n'));
const out = [];

function walk(rel) {
  const entries = readdirSync(rel === '' ? root : `${root}/${rel}`, { withFileTypes: true });
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (!entry.isDirectory()) out.push(path);
    else if (!skip.has(path)) walk(path);
  }
}

walk('');
process.stdout.write(`${out.join('\n')}\n`);
