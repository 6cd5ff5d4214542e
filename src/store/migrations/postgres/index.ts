import type { MigrationInterface } from "typeorm"
import { AddTrainingRunAttempts1796691070328 } from "./1796691070328-AddTrainingRunAttempts"
import { CreateMlReadiness1796688126561 } from "./1796688126561-CreateMlReadiness"
import { CreateMlErasure1796660672594 } from "./1796660672594-CreateMlErasure"
import { UniqueChampionPerTask1795913804381 } from "./1795913804381-UniqueChampionPerTask"
import { CreateMlTables1795908725065 } from "./1795908725065-CreateMlTables"

/** Our Postgres migrations, oldest first. `npm run db:generate -- Name` appends to this list. */
export const postgresMigrations: (new () => MigrationInterface)[] = [CreateMlTables1795908725065, UniqueChampionPerTask1795913804381, CreateMlErasure1796660672594, CreateMlReadiness1796688126561, AddTrainingRunAttempts1796691070328]
