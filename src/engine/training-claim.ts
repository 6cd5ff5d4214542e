/**
 * At most one training per store at a time, whatever asked for it and in whichever
 * process: a `train` job that does not carry a run yet (an event's request, a standalone
 * worker's job) claims one through the store's check-and-create transaction before it
 * trains; while another run is queued or running it ends at once, recorded as a
 * "coalesced" run that names the one it was folded into. Admin and scheduled requests
 * claim their run when asked (`JobLauncher.requestTraining`), so their jobs carry it.
 */
import type { TrainPayload } from "./payloads"
import type { MlStore } from "../store/ml-store"

export type TrainingClaim =
  /** Go ahead, on this payload's run. */
  | { payload: TrainPayload & { runId: string } }
  /** Another run is active: nothing to train; `runId` is the coalesced request's own record. */
  | { coalescedInto: string; runId: string }

/**
 * Claims the run for `payload`. `rememberRunId` is told the new run before anything else
 * happens, so a retry of the same job trains on it instead of finding itself active.
 */
export async function claimTraining(
  store: Pick<MlStore, "startTrainingRun">,
  payload: TrainPayload,
  rememberRunId: (runId: string) => Promise<void>
): Promise<TrainingClaim> {
  if (payload.runId) return { payload: { ...payload, runId: payload.runId } }
  const { run, active, coalesced } = await store.startTrainingRun(payload.trigger)
  if (active) return { coalescedInto: run.id, runId: coalesced!.id }
  await rememberRunId(run.id)
  return { payload: { ...payload, runId: run.id } }
}
