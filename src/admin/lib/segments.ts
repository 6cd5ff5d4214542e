/**
 * The RFM segments' labels and actions, from the plugin's own catalogue (a plain
 * module with no imports, bundled into the admin as is).
 */
import { SEGMENT_IDS, SEGMENTS, type SegmentId, type SegmentInfo } from "../../core/segments/segment-catalog"

export { SEGMENT_IDS, SEGMENTS }
export type { SegmentId, SegmentInfo }

/** The catalogue entry of a segment id; an id the catalogue does not know keeps its id as label. */
export function segmentInfo(id: string): SegmentInfo | { id: string; label: string; action: string; description: string } {
  return (SEGMENTS as Record<string, SegmentInfo>)[id] ?? { id, label: id, action: "", description: "" }
}
