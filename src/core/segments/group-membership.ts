/**
 * Which customers belong in each customer group, from their segments, and what must
 * change to get there: pure functions behind the plugin's customer-group sync.
 */

/** Group name → the customers whose segment the group holds. */
export function groupMembers(
  scores: readonly { customerId: string; segment: string }[],
  groups: Readonly<Record<string, readonly string[]>>
): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>()
  for (const [name, segments] of Object.entries(groups)) {
    const wanted = new Set(segments)
    members.set(name, new Set(scores.filter((s) => wanted.has(s.segment)).map((s) => s.customerId)))
  }
  return members
}

/** The customers to add to and remove from a group so that it holds exactly `desired`; sorted. */
export function membershipChanges(current: ReadonlySet<string>, desired: ReadonlySet<string>): { add: string[]; remove: string[] } {
  return {
    add: [...desired].filter((id) => !current.has(id)).sort(),
    remove: [...current].filter((id) => !desired.has(id)).sort(),
  }
}
