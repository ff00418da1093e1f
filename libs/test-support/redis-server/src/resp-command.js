// One Redis command over a fresh TCP socket, with a minimal RESP2 codec. Plain CommonJS so that Jest
// global setup can load it without a transform; typed by resp-command.d.ts.
'use strict';

const net = require('node:net');

/** Splits `host:port` (IPv6 in brackets). */
function parseAddress(address) {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`'${address}' is not host:port`);
  return { host: match[1], port: Number(match[2]) };
}

function encode(args) {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) parts.push(`$${Buffer.byteLength(String(arg))}\r\n${arg}\r\n`);
  return parts.join('');
}

/** Parses one reply at `offset`; undefined when more bytes are needed. Errors become Error values. */
function decode(buffer, offset) {
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString('utf8', offset + 1, end);
  const next = end + 2;
  if (type === '+') return { value: line, next };
  if (type === '-') return { value: new Error(line), next };
  if (type === ':') return { value: Number(line), next };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: null, next };
    if (buffer.length < next + length + 2) return undefined;
    return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    if (count < 0) return { value: null, next };
    const items = [];
    let cursor = next;
    for (let i = 0; i < count; i += 1) {
      const item = decode(buffer, cursor);
      if (!item) return undefined;
      items.push(item.value);
      cursor = item.next;
    }
    return { value: items, next: cursor };
  }
  throw new Error(`unexpected RESP type '${type}'`);
}

/**
 * Sends `args` to the Redis at `address` (`host:port`) on a new connection and resolves with the reply
 * (string, number, null or array). A Redis error reply rejects. Refuses 6379: tests never touch the
 * machine's own Redis.
 */
function sendCommand(address, args, timeoutMs = 5000) {
  const { host, port } = parseAddress(address);
  if (port === 6379) return Promise.reject(new Error('refusing to send commands to port 6379'));
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    let buffer = Buffer.alloc(0);
    const finish = (error, value) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no reply from ${address} within ${timeoutMs} ms`)));
    socket.on('error', (error) => finish(error));
    socket.on('connect', () => socket.write(encode(args)));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const reply = decode(buffer, 0);
      if (!reply) return;
      if (reply.value instanceof Error) finish(reply.value);
      else finish(undefined, reply.value);
    });
  });
}

module.exports = { sendCommand, parseAddress, encode, decode };
