import { groupMembers, membershipChanges } from "../../../../src/core/segments/group-membership"

describe("customer group membership", () => {
  const scores = [
    { customerId: "a", segment: "at_risk" },
    { customerId: "b", segment: "champions" },
    { customerId: "c", segment: "cant_lose" },
    { customerId: "d", segment: "new" },
  ]

  it("puts each customer in every group that holds their segment", () => {
    const members = groupMembers(scores, { "At risk": ["at_risk", "cant_lose"], "High value": ["champions", "cant_lose"], Empty: ["lost"] })
    expect(members.get("At risk")).toEqual(new Set(["a", "c"]))
    expect(members.get("High value")).toEqual(new Set(["b", "c"]))
    expect(members.get("Empty")).toEqual(new Set())
  })

  it("adds the missing and removes those who left, nothing else", () => {
    expect(membershipChanges(new Set(["a", "x", "y"]), new Set(["a", "c", "b"]))).toEqual({ add: ["b", "c"], remove: ["x", "y"] })
    expect(membershipChanges(new Set(["a"]), new Set(["a"]))).toEqual({ add: [], remove: [] })
  })
})
