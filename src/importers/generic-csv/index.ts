/** The generic CSV format (a bank export or spreadsheet read through `--map`). */
export { genericCsv } from './generic.format.ts';
export { checkMap, type GenericMap, parseMapOption } from './map.ts';
