-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "followUpAt" TIMESTAMP(3),
ADD COLUMN     "followUpMinutes" INTEGER,
ADD COLUMN     "followUpStep" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Broadcast_followUpAt_idx" ON "Broadcast"("followUpAt");
