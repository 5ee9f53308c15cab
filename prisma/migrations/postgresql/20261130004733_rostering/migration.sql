-- CreateEnum
CREATE TYPE "RequirementKind" AS ENUM ('SKILL', 'LANGUAGE');

-- CreateEnum
CREATE TYPE "ShiftRequestKind" AS ENUM ('DROP', 'SWAP');

-- CreateEnum
CREATE TYPE "ShiftRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Shift" ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "rosterVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "VolunteerProfile" ADD COLUMN     "rosterVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ShiftRequirement" (
    "shiftId" TEXT NOT NULL,
    "kind" "RequirementKind" NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "ShiftRequirement_pkey" PRIMARY KEY ("shiftId","kind","code")
);

-- CreateTable
CREATE TABLE "ShiftBatch" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "createdById" TEXT,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "ShiftBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShiftRequest" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "ShiftRequestKind" NOT NULL,
    "targetShiftId" TEXT,
    "reason" TEXT,
    "status" "ShiftRequestStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "ShiftRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShiftRequirement_kind_code_idx" ON "ShiftRequirement"("kind", "code");

-- CreateIndex
CREATE INDEX "ShiftBatch_operationId_createdAt_idx" ON "ShiftBatch"("operationId", "createdAt");

-- CreateIndex
CREATE INDEX "ShiftRequest_status_createdAt_idx" ON "ShiftRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ShiftRequest_userId_status_idx" ON "ShiftRequest"("userId", "status");

-- CreateIndex
CREATE INDEX "Shift_batchId_idx" ON "Shift"("batchId");

-- AddForeignKey
ALTER TABLE "ShiftRequirement" ADD CONSTRAINT "ShiftRequirement_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftBatch" ADD CONSTRAINT "ShiftBatch_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftBatch" ADD CONSTRAINT "ShiftBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftRequest" ADD CONSTRAINT "ShiftRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftRequest" ADD CONSTRAINT "ShiftRequest_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftRequest" ADD CONSTRAINT "ShiftRequest_targetShiftId_fkey" FOREIGN KEY ("targetShiftId") REFERENCES "Shift"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftRequest" ADD CONSTRAINT "ShiftRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftRequest" ADD CONSTRAINT "ShiftRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shift" ADD CONSTRAINT "Shift_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ShiftBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
