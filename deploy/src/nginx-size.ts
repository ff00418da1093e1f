/** An nginx size (`8m`, `512k`, `1g` or plain bytes) in bytes. */
export function nginxBytes(size: string): number {
  const match = /^([0-9]+)([kKmMgG]?)$/.exec(size);
  if (!match) throw new Error(`not an nginx size: ${size}`);
  const unit: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Number(match[1]) * (unit[(match[2] ?? '').toLowerCase()] as number);
}
