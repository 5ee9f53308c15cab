-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN "lastDoubtfulAt" DATETIME;
ALTER TABLE "Checkpoint" ADD COLUMN "lastVisitAt" DATETIME;

-- CreateTable
CREATE TABLE "SpotCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "patrolId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "routeId" TEXT,
    "zoneId" TEXT,
    "requestedById" TEXT,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "answeredAt" DATETIME,
    "checkInId" TEXT,
    "reason" TEXT,
    CONSTRAINT "SpotCheck_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SpotCheck_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "arrivedAt" DATETIME,
    "leftAt" DATETIME,
    "reason" TEXT NOT NULL,
    "markedById" TEXT NOT NULL,
    "markedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AttendanceMark_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Operation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "timezone" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "minRestMinutes" INTEGER NOT NULL DEFAULT 480,
    "maxMinutesPerDay" INTEGER NOT NULL DEFAULT 600,
    "reminderMinutes" INTEGER NOT NULL DEFAULT 60,
    "mealDepotId" TEXT,
    "randomSpotChecks" BOOLEAN NOT NULL DEFAULT false,
    "spotCheckMinutes" INTEGER NOT NULL DEFAULT 10,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Operation_mealDepotId_fkey" FOREIGN KEY ("mealDepotId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Operation" ("createdAt", "description", "endsAt", "id", "maxMinutesPerDay", "mealDepotId", "minRestMinutes", "name", "reminderMinutes", "startsAt", "timezone") SELECT "createdAt", "description", "endsAt", "id", "maxMinutesPerDay", "mealDepotId", "minRestMinutes", "name", "reminderMinutes", "startsAt", "timezone" FROM "Operation";
DROP TABLE "Operation";
ALTER TABLE "new_Operation" RENAME TO "Operation";
CREATE TABLE "new_Route" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "expectedIntervalMinutes" INTEGER NOT NULL DEFAULT 20,
    "travel" TEXT NOT NULL DEFAULT 'WALK',
    "requirePosition" BOOLEAN NOT NULL DEFAULT false,
    "posterVersion" INTEGER NOT NULL DEFAULT 1,
    "postersReplacedAt" DATETIME,
    "freshMinutes" INTEGER NOT NULL DEFAULT 15,
    "staleMinutes" INTEGER NOT NULL DEFAULT 60,
    CONSTRAINT "Route_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Route_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Route" ("description", "expectedIntervalMinutes", "id", "name", "operationId", "zoneId") SELECT "description", "expectedIntervalMinutes", "id", "name", "operationId", "zoneId" FROM "Route";
DROP TABLE "Route";
ALTER TABLE "new_Route" RENAME TO "Route";
CREATE UNIQUE INDEX "Route_operationId_name_key" ON "Route"("operationId", "name");
CREATE TABLE "new_CheckIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patrolId" TEXT NOT NULL,
    "checkpointId" TEXT,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "checkpointName" TEXT NOT NULL,
    "checkpointPosition" INTEGER NOT NULL,
    "routeId" TEXT NOT NULL,
    "happenedAt" DATETIME NOT NULL,
    "phoneTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "lat" REAL,
    "lng" REAL,
    "accuracy" REAL,
    "distanceMetres" REAL,
    "outOfOrder" BOOLEAN NOT NULL DEFAULT false,
    "far" BOOLEAN NOT NULL DEFAULT false,
    "wrongRoute" BOOLEAN NOT NULL DEFAULT false,
    "posterVersion" INTEGER,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "doubtful" BOOLEAN NOT NULL DEFAULT false,
    "flagReview" TEXT,
    "flagReviewedById" TEXT,
    "flagReviewedAt" DATETIME,
    "flagNote" TEXT,
    CONSTRAINT "CheckIn_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckIn_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CheckIn" ("accuracy", "checkpointId", "checkpointName", "checkpointPosition", "clockOffsetSeconds", "distanceMetres", "far", "happenedAt", "id", "lat", "lng", "method", "outOfOrder", "patrolId", "phoneTime", "receivedAt", "routeId", "userId", "wrongRoute") SELECT "accuracy", "checkpointId", "checkpointName", "checkpointPosition", "clockOffsetSeconds", "distanceMetres", "far", "happenedAt", "id", "lat", "lng", "method", "outOfOrder", "patrolId", "phoneTime", "receivedAt", "routeId", "userId", "wrongRoute" FROM "CheckIn";
DROP TABLE "CheckIn";
ALTER TABLE "new_CheckIn" RENAME TO "CheckIn";
CREATE INDEX "CheckIn_patrolId_happenedAt_idx" ON "CheckIn"("patrolId", "happenedAt");
CREATE INDEX "CheckIn_patrolId_receivedAt_idx" ON "CheckIn"("patrolId", "receivedAt");
CREATE INDEX "CheckIn_routeId_happenedAt_idx" ON "CheckIn"("routeId", "happenedAt");
CREATE INDEX "CheckIn_checkpointId_idx" ON "CheckIn"("checkpointId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SpotCheck_operationId_requestedAt_idx" ON "SpotCheck"("operationId", "requestedAt");

-- CreateIndex
CREATE INDEX "SpotCheck_patrolId_status_idx" ON "SpotCheck"("patrolId", "status");

-- CreateIndex
CREATE INDEX "SpotCheck_status_dueAt_idx" ON "SpotCheck"("status", "dueAt");

-- CreateIndex
CREATE INDEX "SpotCheck_userId_requestedAt_idx" ON "SpotCheck"("userId", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceMark_assignmentId_key" ON "AttendanceMark"("assignmentId");

-- CreateIndex
CREATE INDEX "Checkpoint_operationId_lastVisitAt_idx" ON "Checkpoint"("operationId", "lastVisitAt");
