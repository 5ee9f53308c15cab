-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('SOS', 'WELFARE', 'MISSING', 'OVERDUE', 'MISSED_CHECKPOINT', 'IMPLAUSIBLE_CHECK_IN', 'BLIND_SPOT', 'SPOT_CHECK', 'ZONE', 'GUEST_HELP', 'REPORT');

-- CreateEnum
CREATE TYPE "AlertPriority" AS ENUM ('CRITICAL', 'HIGH', 'NORMAL');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CANCELLED');

-- DropForeignKey
ALTER TABLE "PatrolAlert" DROP CONSTRAINT "PatrolAlert_assignmentId_fkey";

-- DropForeignKey
ALTER TABLE "PatrolAlert" DROP CONSTRAINT "PatrolAlert_patrolId_fkey";

-- DropTable
DROP TABLE "PatrolAlert";

-- DropEnum
DROP TYPE "PatrolAlertKind";

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "priority" "AlertPriority" NOT NULL DEFAULT 'NORMAL',
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "foldKey" TEXT NOT NULL,
    "openKey" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRaisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "subjectUserId" TEXT,
    "raisedById" TEXT,
    "patrolId" TEXT,
    "assignmentId" TEXT,
    "shiftId" TEXT,
    "zoneId" TEXT,
    "checkpointId" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "params" TEXT NOT NULL DEFAULT '{}',
    "assignedToId" TEXT,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolutionNote" TEXT,
    "clearedAt" TIMESTAMP(3),
    "step" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "note" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
