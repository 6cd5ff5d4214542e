import type { EntityManager, EntitySchema } from "typeorm"
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity"
import type { CustomerPrediction, JsonObject, ModelVersion, ReadinessCheck, Recommendation, TrainingRun } from "../models"
import type { MlDataSource } from "./data-source"
import { deleteCustomerRows, deleteProductRows, erasedIds, lockAgainstErasure, mentionsErased, recordErasure, type ErasedIds } from "./erasures"
import { newId } from "./ids"
import { latestReadinessCheck, saveReadinessCheck } from "./readiness-queries"

/**
 * Rows per INSERT statement: 2,000 rows of our widest table (12 columns) bind 24,000
 * parameters, under both SQLite's limit (32,766) and Postgres's (65,535).
 */
const INSERT_CHUNK = 2000

/** A model version id that the store does not hold. */
export class VersionNotFoundError extends Error {
  constructor(readonly versionId: string) {
    super(`no model version ${versionId}`)
    this.name = "VersionNotFoundError"
  }
}

export type NewModelVersion = Omit<ModelVersion, "id" | "createdAt" | "promotedAt" | "status">
export type NewPrediction = Omit<CustomerPrediction, "id" | "modelVersionId">
export type NewRecommendation = Omit<Recommendation, "id" | "modelVersionId">

export interface SaveVersionInput {
  version: NewModelVersion
  predictions?: NewPrediction[]
  recommendations?: NewRecommendation[]
  /** Make it the task's champion in the same transaction (the previous one becomes a challenger). */
  promote: boolean
  /** Marks a version that lost against the champion. */
  rejected?: boolean
}

export interface StoreCounts {
  predictions: number
  recommendations: number
}

/**
 * The plugin's data-access layer: every read and write of the ml_* tables goes
 * through here, on SQLite or Postgres alike.
 */
export class MlStore {
  /** SQLite has one connection, so its transactions take turns here. */
  private sqliteTurn: Promise<unknown> = Promise.resolve()

  constructor(private readonly ml: MlDataSource) {}

  /** One transaction; on SQLite after the previous one has ended (a single connection cannot nest them). */
  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect !== "sqlite") return this.ml.dataSource.transaction(work)
    const turn = this.sqliteTurn.then(() => this.ml.dataSource.transaction(work))
    this.sqliteTurn = turn.catch(() => undefined)
    return turn
  }

  get dialect() {
    return this.ml.dialect
  }

  /** The DataSource and entity schemas, for read models kept in their own files (src/store/*-queries.ts). */
  get source(): MlDataSource {
    return this.ml
  }

  /** Answers when the database does. */
  async ping(): Promise<void> {
    await this.ml.dataSource.query("SELECT 1")
  }

  /**
   * Writes a model version with all its predictions and recommendations, and
   * promotes it if asked, in one transaction: readers see all of it or none.
   */
  async saveModelVersion(input: SaveVersionInput): Promise<ModelVersion> {
    const [version] = await this.saveModelVersions([input])
    return version
  }

  /**
   * Writes several model versions (of different tasks, from one training) in one
   * transaction: a training either replaces all of its champions or none.
   */
  async saveModelVersions(inputs: SaveVersionInput[]): Promise<ModelVersion[]> {
    return this.transaction(async (manager) => {
      const erased = await this.lockedErasures(manager)
      const saved: ModelVersion[] = []
      for (const input of inputs) saved.push(await this.insertVersion(manager, input, erased))
      return saved
    })
  }

  /** The champion of each task, keyed by task. */
  async championVersions(): Promise<ModelVersion[]> {
    return this.ml.dataSource.getRepository(this.ml.entities.modelVersion).find({
      where: { status: "champion" },
      order: { task: "ASC" },
    })
  }

  /** Stored predictions and recommendations of the current champions. */
  async counts(): Promise<StoreCounts> {
    const champions = (await this.championVersions()).map((v) => v.id)
    if (champions.length === 0) return { predictions: 0, recommendations: 0 }
    const { dataSource, entities } = this.ml
    const inChampions = "model_version_id IN (:...ids)"
    const [predictions, recommendations] = await Promise.all([
      dataSource.getRepository(entities.customerPrediction).createQueryBuilder("p").where(inChampions, { ids: champions }).getCount(),
      dataSource.getRepository(entities.recommendation).createQueryBuilder("r").where(inChampions, { ids: champions }).getCount(),
    ])
    return { predictions, recommendations }
  }

  async predictionsOf(modelVersionId: string): Promise<CustomerPrediction[]> {
    return this.ml.dataSource.getRepository(this.ml.entities.customerPrediction).find({
      where: { modelVersionId },
      order: { customerId: "ASC" },
    })
  }

  /** Every stored list entry of a version, list by list in rank order. */
  async recommendationsOf(modelVersionId: string): Promise<Recommendation[]> {
    return this.ml.dataSource.getRepository(this.ml.entities.recommendation).find({
      where: { modelVersionId },
      order: { sourceType: "ASC", sourceId: "ASC", rank: "ASC" },
    })
  }

  /** Every version, newest first (per task when given). */
  async modelVersions(task?: string): Promise<ModelVersion[]> {
    return this.ml.dataSource.getRepository(this.ml.entities.modelVersion).find({
      where: task ? { task } : {},
      order: { createdAt: "DESC", id: "DESC" },
    })
  }

  /** Makes a version its task's champion; the current one becomes a challenger. One transaction. */
  async promote(versionId: string): Promise<ModelVersion> {
    return this.transaction(async (manager) => {
      const [version] = await manager.find(this.ml.entities.modelVersion, { where: { id: versionId } })
      if (!version) throw new VersionNotFoundError(versionId)
      if (version.status !== "champion") {
        await this.demoteChampion(manager, version.task)
        const promotedAt = new Date()
        await manager.update(this.ml.entities.modelVersion, { id: versionId }, { status: "champion", promotedAt })
        return { ...version, status: "champion", promotedAt }
      }
      return version
    })
  }

  /**
   * Puts back the task's previous champion: the most recently promoted version other
   * than the current one. Returns null when there is none.
   */
  async rollback(task: string): Promise<ModelVersion | null> {
    const current = await this.champion(task)
    const previous = (await this.modelVersions(task))
      .filter((v) => v.promotedAt !== null && v.id !== current?.id)
      .sort((a, b) => (b.promotedAt?.getTime() ?? 0) - (a.promotedAt?.getTime() ?? 0))[0]
    return previous ? this.promote(previous.id) : null
  }

  /** The champion of one task, or null. */
  async champion(task: string): Promise<ModelVersion | null> {
    const [champion] = await this.ml.dataSource.getRepository(this.ml.entities.modelVersion).find({ where: { task, status: "champion" } })
    return champion ?? null
  }

  /**
   * Replaces the given customers' predictions in a version (a rescore with the same
   * models), in one transaction: a reader sees the old rows or the new ones.
   */
  async replacePredictions(modelVersionId: string, predictions: NewPrediction[]): Promise<void> {
    const { entities } = this.ml
    await this.transaction(async (manager) => {
      const erased = await this.lockedErasures(manager)
      predictions = predictions.filter((p) => !erased.customers.has(p.customerId))
      const ids = predictions.map((p) => p.customerId)
      for (let start = 0; start < ids.length; start += INSERT_CHUNK) {
        await manager
          .createQueryBuilder()
          .delete()
          .from(entities.customerPrediction)
          .where("model_version_id = :modelVersionId AND customer_id IN (:...ids)", { modelVersionId, ids: ids.slice(start, start + INSERT_CHUNK) })
          .execute()
      }
      const rows = predictions.map((p) => ({ ...p, id: newId("mlpred"), modelVersionId }))
      await insertChunked(manager, entities.customerPrediction, rows)
    })
  }

  /**
   * Erases these customers for good: records them in ml_erasure and deletes their
   * predictions and lists in every version, in one transaction. Later writes leave them out.
   */
  async purgeCustomers(customerIds: string[]): Promise<{ predictions: number; lists: number }> {
    return this.transaction(async (manager) => {
      await lockAgainstErasure(manager, this.dialect)
      await recordErasure(manager, this.ml.entities, "customer", customerIds, new Date())
      return deleteCustomerRows(manager, this.ml.entities, customerIds)
    })
  }

  /**
   * Erases these products for good: records them and removes them from every stored
   * list (and their own lists) in every version, in one transaction. Later lists leave them out.
   */
  async purgeProducts(productIds: string[]): Promise<{ entries: number }> {
    return this.transaction(async (manager) => {
      await lockAgainstErasure(manager, this.dialect)
      await recordErasure(manager, this.ml.entities, "product", productIds, new Date())
      return deleteProductRows(manager, this.ml.entities, productIds)
    })
  }

  /** Every customer and product erased so far. */
  async erased(): Promise<ErasedIds> {
    return erasedIds(this.ml.dataSource.manager, this.ml.entities)
  }

  /** A new run, "queued"; `id` lets a caller name it before the job starts (e.g. to answer with it). */
  async createTrainingRun(trigger: string, id: string = newId("mlrun")): Promise<TrainingRun> {
    const run = newRun(trigger, id)
    await insertChunked(this.ml.dataSource.manager, this.ml.entities.trainingRun, [run])
    return run
  }

  async updateTrainingRun(id: string, changes: Partial<Omit<TrainingRun, "id">>): Promise<void> {
    await this.ml.dataSource.manager.update(this.ml.entities.trainingRun, { id }, asPartial(changes))
  }

  /**
   * Creates a run unless one is already queued or running (then returns that one as
   * `active`, and records the refused request as a "coalesced" run naming it), check and
   * create in one transaction: of two requests at the same moment, in any processes, one
   * gets the run and the other sees it. On Postgres a transaction-scoped advisory lock
   * serializes them; SQLite serializes writing transactions itself.
   */
  async startTrainingRun(trigger: string, withinHours = 6): Promise<{ run: TrainingRun; active: boolean; coalesced?: TrainingRun }> {
    return this.transaction(async (manager) => {
      if (this.dialect === "postgres") await manager.query("SELECT pg_advisory_xact_lock(hashtext('medusa-ml:training-run'))")
      const since = new Date(Date.now() - withinHours * 3_600_000)
      const active = await manager
        .getRepository(this.ml.entities.trainingRun)
        .createQueryBuilder("run")
        .where("run.status IN (:...statuses) AND run.created_at >= :since", { statuses: ["queued", "running"], since })
        .orderBy("run.created_at", "DESC")
        .getOne()
      if (active) {
        const coalesced: TrainingRun = {
          ...newRun(trigger, newId("mlrun")),
          status: "coalesced",
          finishedAt: new Date(),
          error: `coalesced into run ${active.id} (already ${active.status})`,
        }
        await insertChunked(manager, this.ml.entities.trainingRun, [coalesced])
        return { run: active, active: true, coalesced }
      }
      const run = newRun(trigger, newId("mlrun"))
      await insertChunked(manager, this.ml.entities.trainingRun, [run])
      return { run, active: false }
    })
  }

  /** Training runs, newest first. */
  async trainingRuns(limit = 20): Promise<TrainingRun[]> {
    return this.ml.dataSource.getRepository(this.ml.entities.trainingRun).find({ order: { createdAt: "DESC" }, take: limit })
  }

  async trainingRun(id: string): Promise<TrainingRun | null> {
    return this.ml.dataSource.getRepository(this.ml.entities.trainingRun).findOneBy({ id })
  }

  /** Replaces the store's readiness check (one row). */
  async saveReadinessCheck(checkedAt: Date, result: JsonObject): Promise<void> {
    await saveReadinessCheck(this.ml, checkedAt, result)
  }

  /** The latest readiness check, or null before the first. */
  async readinessCheck(): Promise<ReadinessCheck | null> {
    return latestReadinessCheck(this.ml)
  }

  async close(): Promise<void> {
    if (this.ml.dataSource.isInitialized) await this.ml.dataSource.destroy()
  }

  /** Takes the erasure lock, then reads what is erased: nothing erased before the commit slips through. */
  private async lockedErasures(manager: EntityManager): Promise<ErasedIds> {
    await lockAgainstErasure(manager, this.dialect)
    return erasedIds(manager, this.ml.entities)
  }

  private async insertVersion(manager: EntityManager, input: SaveVersionInput, erased: ErasedIds): Promise<ModelVersion> {
    const { entities } = this.ml
    const now = new Date()
    const version: ModelVersion = {
      ...input.version,
      id: newId("mlver"),
      status: input.promote ? "champion" : input.rejected ? "rejected" : "challenger",
      createdAt: now,
      promotedAt: input.promote ? now : null,
    }
    if (input.promote) await this.demoteChampion(manager, version.task)
    await insertChunked(manager, entities.modelVersion, [version])
    const predictions = (input.predictions ?? []).filter((p) => !erased.customers.has(p.customerId)).map((p) => ({ ...p, id: newId("mlpred"), modelVersionId: version.id }))
    await insertChunked(manager, entities.customerPrediction, predictions)
    const recommendations = (input.recommendations ?? []).filter((r) => !mentionsErased(r, erased)).map((r) => ({ ...r, id: newId("mlrec"), modelVersionId: version.id }))
    await insertChunked(manager, entities.recommendation, recommendations)
    return version
  }

  private async demoteChampion(manager: EntityManager, task: string): Promise<void> {
    await manager.update(this.ml.entities.modelVersion, { task, status: "champion" }, { status: "challenger" })
  }
}

function newRun(trigger: string, id: string): TrainingRun {
  return {
    id,
    status: "queued",
    trigger,
    stage: null,
    progress: 0,
    timings: {},
    error: null,
    report: null,
    attempts: [],
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
  }
}

/**
 * TypeORM's QueryDeepPartialEntity cannot follow our recursive JSON column type
 * ("excessively deep"), so whole rows are passed through this one narrowing.
 */
function asPartial<T>(row: T): QueryDeepPartialEntity<T> {
  return row as QueryDeepPartialEntity<T>
}

async function insertChunked<T extends object>(manager: EntityManager, target: EntitySchema<T>, rows: T[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await manager.insert(target, rows.slice(start, start + INSERT_CHUNK).map(asPartial))
  }
}
