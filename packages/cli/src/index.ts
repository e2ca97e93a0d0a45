export { main, runScan, UsageError, type Io } from './main';
export { writeReport, FORMATS, type Format } from './formats';
