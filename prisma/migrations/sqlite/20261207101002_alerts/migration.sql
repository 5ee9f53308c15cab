-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "PatrolAlert";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'NORMAL',
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "foldKey" TEXT NOT NULL,
    "openKey" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRaisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "subjectUserId" TEXT,
    "raisedById" TEXT,
    "patrolId" TEXT,
    "assignmentId" TEXT,
    "shiftId" TEXT,
    "zoneId" TEXT,
    "checkpointId" TEXT,
    "lat" REAL,
    "lng" REAL,
    "accuracy" REAL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "assignedToId" TEXT,
    "acknowledgedById" TEXT,
    "acknowledgedAt" DATETIME,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "resolutionNote" TEXT,
    "clearedAt" DATETIME,
    "step" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" DATETIME,
    CONSTRAINT "Alert_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alertId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "note" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "AlertEvent_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_operationId_status_lastRaisedAt_idx" ON "Alert"("operationId", "status", "lastRaisedAt");

-- CreateIndex
CREATE INDEX "Alert_foldKey_status_idx" ON "Alert"("foldKey", "status");

-- CreateIndex
CREATE INDEX "Alert_nextStepAt_idx" ON "Alert"("nextStepAt");

-- CreateIndex
CREATE INDEX "Alert_shiftId_status_idx" ON "Alert"("shiftId", "status");

-- CreateIndex
CREATE INDEX "Alert_patrolId_idx" ON "Alert"("patrolId");

-- CreateIndex
CREATE INDEX "Alert_assignmentId_idx" ON "Alert"("assignmentId");

-- CreateIndex
CREATE INDEX "AlertEvent_alertId_at_idx" ON "AlertEvent"("alertId", "at");
