/** 127.0.0.0/8, ::1 and their IPv4-mapped forms: this machine, nobody else. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.replace(/^::ffff:/i, "");
  return ip === "::1" || /^127\.\d+\.\d+\.\d+$/.test(ip);
}
