-- CreateEnum
CREATE TYPE "CheckInMethod" AS ENUM ('QR', 'CODE');

-- CreateEnum
CREATE TYPE "ReportCategory" AS ENUM ('SUSPICIOUS_ACTIVITY', 'LOST_PERSON', 'LOST_PROPERTY', 'MEDICAL', 'CROWD', 'TRAFFIC', 'FACILITY', 'OTHER');

-- CreateEnum
CREATE TYPE "ReportSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('NEW', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "PatrolAlertKind" AS ENUM ('MISSING', 'OVERDUE');

-- CreateTable
CREATE TABLE "Patrol" (
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "routeId" TEXT,
    "operationId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "startedPhoneTime" TIMESTAMP(3) NOT NULL,
    "startedReceivedAt" TIMESTAMP(3) NOT NULL,
    "startLat" DOUBLE PRECISION,
    "startLng" DOUBLE PRECISION,
    "startAccuracy" DOUBLE PRECISION,
    "endedAt" TIMESTAMP(3),
    "endedPhoneTime" TIMESTAMP(3),
    "endedReceivedAt" TIMESTAMP(3),
    "endLat" DOUBLE PRECISION,
    "endLng" DOUBLE PRECISION,
    "endAccuracy" DOUBLE PRECISION,
    "handoverNote" TEXT,
    "autoEnded" BOOLEAN NOT NULL DEFAULT false,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "checkInCount" INTEGER NOT NULL DEFAULT 0,
    "flaggedCount" INTEGER NOT NULL DEFAULT 0,
    "lastCheckInAt" TIMESTAMP(3),
    "lastCheckpointId" TEXT,
    "lastPosition" INTEGER,
    "visited" TEXT NOT NULL DEFAULT '[]',
    "loop" TEXT NOT NULL DEFAULT '[]',
    "dueAt" TIMESTAMP(3),
    "overdueAlerted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Patrol_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "patrolId" TEXT NOT NULL,
    "checkpointId" TEXT,
    "userId" TEXT NOT NULL,
    "method" "CheckInMethod" NOT NULL,
    "checkpointName" TEXT NOT NULL,
    "checkpointPosition" INTEGER NOT NULL,
    "routeId" TEXT NOT NULL,
    "happenedAt" TIMESTAMP(3) NOT NULL,
    "phoneTime" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "distanceMetres" DOUBLE PRECISION,
    "outOfOrder" BOOLEAN NOT NULL DEFAULT false,
    "far" BOOLEAN NOT NULL DEFAULT false,
    "wrongRoute" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldReport" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "patrolId" TEXT,
    "category" "ReportCategory" NOT NULL,
    "severity" "ReportSeverity" NOT NULL,
    "text" TEXT NOT NULL,
    "hasPhoto" BOOLEAN NOT NULL DEFAULT false,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "happenedAt" TIMESTAMP(3) NOT NULL,
    "phoneTime" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "status" "ReportStatus" NOT NULL DEFAULT 'NEW',
    "statusChangedAt" TIMESTAMP(3),

    CONSTRAINT "FieldReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportPhoto" (
    "reportId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "ReportPhoto_pkey" PRIMARY KEY ("reportId")
);

-- CreateTable
CREATE TABLE "ReportNote" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "authorId" TEXT,
    "text" TEXT,
    "status" "ReportStatus",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatrolAlert" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" "PatrolAlertKind" NOT NULL,
    "operationId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "patrolId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "PatrolAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Patrol_clientId_key" ON "Patrol"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "Patrol_assignmentId_key" ON "Patrol"("assignmentId");

-- CreateIndex
CREATE INDEX "Patrol_operationId_endedAt_idx" ON "Patrol"("operationId", "endedAt");

-- CreateIndex
CREATE INDEX "Patrol_endedAt_overdueAlerted_dueAt_idx" ON "Patrol"("endedAt", "overdueAlerted", "dueAt");

-- CreateIndex
CREATE INDEX "Patrol_userId_startedAt_idx" ON "Patrol"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "Patrol_shiftId_idx" ON "Patrol"("shiftId");

-- CreateIndex
CREATE INDEX "CheckIn_patrolId_happenedAt_idx" ON "CheckIn"("patrolId", "happenedAt");

-- CreateIndex
CREATE INDEX "CheckIn_routeId_happenedAt_idx" ON "CheckIn"("routeId", "happenedAt");

-- CreateIndex
CREATE INDEX "CheckIn_checkpointId_idx" ON "CheckIn"("checkpointId");

-- CreateIndex
CREATE INDEX "FieldReport_operationId_status_happenedAt_idx" ON "FieldReport"("operationId", "status", "happenedAt");

-- CreateIndex
CREATE INDEX "FieldReport_userId_happenedAt_idx" ON "FieldReport"("userId", "happenedAt");

-- CreateIndex
CREATE INDEX "ReportNote_reportId_createdAt_idx" ON "ReportNote"("reportId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PatrolAlert_dedupeKey_key" ON "PatrolAlert"("dedupeKey");

-- CreateIndex
CREATE INDEX "PatrolAlert_operationId_clearedAt_idx" ON "PatrolAlert"("operationId", "clearedAt");

-- CreateIndex
CREATE INDEX "PatrolAlert_shiftId_clearedAt_idx" ON "PatrolAlert"("shiftId", "clearedAt");

-- AddForeignKey
ALTER TABLE "Patrol" ADD CONSTRAINT "Patrol_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldReport" ADD CONSTRAINT "FieldReport_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldReport" ADD CONSTRAINT "FieldReport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldReport" ADD CONSTRAINT "FieldReport_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPhoto" ADD CONSTRAINT "ReportPhoto_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "FieldReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportNote" ADD CONSTRAINT "ReportNote_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "FieldReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportNote" ADD CONSTRAINT "ReportNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatrolAlert" ADD CONSTRAINT "PatrolAlert_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatrolAlert" ADD CONSTRAINT "PatrolAlert_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;
