/** The RFM segments, best first. */
export const SEGMENT_IDS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
  "lost",
] as const

export type SegmentId = (typeof SEGMENT_IDS)[number]

/** What a merchant sees for a segment. */
export interface SegmentInfo {
  readonly id: SegmentId
  /** Human label, e.g. "Can't lose". */
  readonly label: string
  /** Short merchant action, e.g. "win back". */
  readonly action: string
  /** One sentence on who is in the segment. */
  readonly description: string
}

export const SEGMENTS: Readonly<Record<SegmentId, SegmentInfo>> = {
  champions: {
    id: "champions",
    label: "Champions",
    action: "reward",
    description: "Bought very recently and buys most often.",
  },
  loyal: {
    id: "loyal",
    label: "Loyal",
    action: "upsell",
    description: "Buys often and bought not long ago.",
  },
  potential_loyalist: {
    id: "potential_loyalist",
    label: "Potential loyalist",
    action: "nurture",
    description: "Bought recently and more than a one-off, not yet often.",
  },
  new: {
    id: "new",
    label: "New",
    action: "onboard",
    description: "Bought very recently but among the fewest orders.",
  },
  promising: {
    id: "promising",
    label: "Promising",
    action: "encourage a second order",
    description: "Bought recently but among the fewest orders.",
  },
  need_attention: {
    id: "need_attention",
    label: "Need attention",
    action: "re-engage",
    description: "Average on both recency and frequency.",
  },
  about_to_sleep: {
    id: "about_to_sleep",
    label: "About to sleep",
    action: "reactivate",
    description: "Average recency and few orders: drifting away.",
  },
  at_risk: {
    id: "at_risk",
    label: "At risk",
    action: "win back",
    description: "Used to buy fairly often but not for a long time.",
  },
  cant_lose: {
    id: "cant_lose",
    label: "Can't lose",
    action: "win back now",
    description: "Among the most frequent buyers but not seen for a long time.",
  },
  hibernating: {
    id: "hibernating",
    label: "Hibernating",
    action: "remind",
    description: "Few orders, and the last one a while ago.",
  },
  lost: {
    id: "lost",
    label: "Lost",
    action: "let go",
    description: "Few orders, and the last one longest ago.",
  },
}
