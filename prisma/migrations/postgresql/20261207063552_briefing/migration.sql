-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "operationId" TEXT;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "shelfLifeHours" INTEGER;

-- AlterTable
ALTER TABLE "StockMovement" ADD COLUMN     "mealServingId" TEXT;

-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "mealDepotId" TEXT;

-- CreateTable
CREATE TABLE "WallLink" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),

    CONSTRAINT "WallLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WallLink_tokenHash_key" ON "WallLink"("tokenHash");

-- CreateIndex
CREATE INDEX "WallLink_operationId_createdAt_idx" ON "WallLink"("operationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_operationId_createdAt_idx" ON "AuditEntry"("operationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_createdAt_idx" ON "AuditEntry"("actorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StockMovement_mealServingId_key" ON "StockMovement"("mealServingId");

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WallLink" ADD CONSTRAINT "WallLink_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WallLink" ADD CONSTRAINT "WallLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_mealServingId_fkey" FOREIGN KEY ("mealServingId") REFERENCES "MealServing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_mealDepotId_fkey" FOREIGN KEY ("mealDepotId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;
