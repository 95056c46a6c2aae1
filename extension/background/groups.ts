/** The groups policy sees: MDM's and the directory's (SCIM), each once, MDM's first. */
export function mergeGroups(mdm: readonly string[], directory: readonly string[]): string[] {
  return [...new Set([...mdm, ...directory])];
}
