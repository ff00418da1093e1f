// Detached watchdog: `node watchdog.js <parentPid> <dir>`. When the parent process is gone but `dir`
// still exists (the test run crashed before its teardown), kill the servers recorded in `dir` and
// remove it. Exits as soon as `dir` disappears (normal teardown).
'use strict';

const fs = require('node:fs');
const { killRecordedProcesses } = require('./redis-process');

const parentPid = Number(process.argv[2]);
const dir = process.argv[3];

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const timer = setInterval(() => {
  if (!fs.existsSync(dir)) {
    clearInterval(timer);
    return;
  }
  if (isAlive(parentPid)) return;
  clearInterval(timer);
  killRecordedProcesses(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}, 500);
