/** A RESP2 reply: simple or bulk string, integer, nil, or an array of replies. */
export type RespReply = string | number | null | RespReply[];

/** `host:port` split; IPv6 hosts may be bracketed. */
export function parseAddress(address: string): { host: string; port: number };

/** The RESP2 array encoding of one command. */
export function encode(args: readonly (string | number)[]): string;

/** Parses one reply at `offset`; `undefined` when more bytes are needed. Error replies become `Error` values. */
export function decode(buffer: Buffer, offset: number): { value: RespReply | Error; next: number } | undefined;

/**
 * Sends one command on a new connection to `address` and resolves with its reply; an error reply
 * rejects. Port 6379 is refused. `timeoutMs` bounds the whole exchange (default 5000).
 */
export function sendCommand(address: string, args: readonly (string | number)[], timeoutMs?: number): Promise<RespReply>;
