-- CreateEnum
CREATE TYPE "RouteTravel" AS ENUM ('WALK', 'CYCLE');

-- CreateEnum
CREATE TYPE "FlagReview" AS ENUM ('CONFIRMED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "SpotCheckStatus" AS ENUM ('PENDING', 'ON_TIME', 'LATE', 'FAILED', 'DECLINED');

-- CreateEnum
CREATE TYPE "AttendanceMarkKind" AS ENUM ('PRESENT', 'ABSENT');

-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "randomSpotChecks" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spotCheckMinutes" INTEGER NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "Route" ADD COLUMN     "freshMinutes" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "posterVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "postersReplacedAt" TIMESTAMP(3),
ADD COLUMN     "requirePosition" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "staleMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "travel" "RouteTravel" NOT NULL DEFAULT 'WALK';

-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN     "lastDoubtfulAt" TIMESTAMP(3),
ADD COLUMN     "lastVisitAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "doubtful" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "flagNote" TEXT,
ADD COLUMN     "flagReview" "FlagReview",
ADD COLUMN     "flagReviewedAt" TIMESTAMP(3),
ADD COLUMN     "flagReviewedById" TEXT,
ADD COLUMN     "flags" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "posterVersion" INTEGER;

-- CreateTable
CREATE TABLE "SpotCheck" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "patrolId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "routeId" TEXT,
    "zoneId" TEXT,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "SpotCheckStatus" NOT NULL DEFAULT 'PENDING',
    "answeredAt" TIMESTAMP(3),
    "checkInId" TEXT,
    "reason" TEXT,

    CONSTRAINT "SpotCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "kind" "AttendanceMarkKind" NOT NULL,
    "arrivedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "reason" TEXT NOT NULL,
    "markedById" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttendanceMark_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "CheckIn_patrolId_receivedAt_idx" ON "CheckIn"("patrolId", "receivedAt");

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceMark" ADD CONSTRAINT "AttendanceMark_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
