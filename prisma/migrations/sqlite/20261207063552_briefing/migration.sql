-- AlterTable
ALTER TABLE "Item" ADD COLUMN "shelfLifeHours" INTEGER;

-- CreateTable
CREATE TABLE "WallLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "lastSeenAt" DATETIME,
    CONSTRAINT "WallLink_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WallLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEntry_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditEntry" ("action", "actorId", "createdAt", "detail", "id", "subjectId", "subjectType") SELECT "action", "actorId", "createdAt", "detail", "id", "subjectId", "subjectType" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_subjectType_subjectId_idx" ON "AuditEntry"("subjectType", "subjectId");
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");
CREATE INDEX "AuditEntry_operationId_createdAt_idx" ON "AuditEntry"("operationId", "createdAt");
CREATE INDEX "AuditEntry_actorId_createdAt_idx" ON "AuditEntry"("actorId", "createdAt");
CREATE TABLE "new_StockMovement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "fromPostId" TEXT,
    "toPostId" TEXT,
    "lot" TEXT NOT NULL DEFAULT '',
    "reason" TEXT,
    "supplier" TEXT,
    "requestId" TEXT,
    "correctsId" TEXT,
    "mealServingId" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StockMovement_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_fromPostId_fkey" FOREIGN KEY ("fromPostId") REFERENCES "Post" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_toPostId_fkey" FOREIGN KEY ("toPostId") REFERENCES "Post" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SupplyRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "StockMovement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_mealServingId_fkey" FOREIGN KEY ("mealServingId") REFERENCES "MealServing" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_StockMovement" ("actorId", "correctsId", "createdAt", "fromPostId", "id", "itemId", "kind", "lot", "operationId", "quantity", "reason", "requestId", "supplier", "toPostId") SELECT "actorId", "correctsId", "createdAt", "fromPostId", "id", "itemId", "kind", "lot", "operationId", "quantity", "reason", "requestId", "supplier", "toPostId" FROM "StockMovement";
DROP TABLE "StockMovement";
ALTER TABLE "new_StockMovement" RENAME TO "StockMovement";
CREATE UNIQUE INDEX "StockMovement_correctsId_key" ON "StockMovement"("correctsId");
CREATE UNIQUE INDEX "StockMovement_mealServingId_key" ON "StockMovement"("mealServingId");
CREATE INDEX "StockMovement_operationId_createdAt_idx" ON "StockMovement"("operationId", "createdAt");
CREATE INDEX "StockMovement_itemId_createdAt_idx" ON "StockMovement"("itemId", "createdAt");
CREATE INDEX "StockMovement_requestId_idx" ON "StockMovement"("requestId");
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Operation_mealDepotId_fkey" FOREIGN KEY ("mealDepotId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Operation" ("createdAt", "description", "endsAt", "id", "maxMinutesPerDay", "minRestMinutes", "name", "reminderMinutes", "startsAt", "timezone") SELECT "createdAt", "description", "endsAt", "id", "maxMinutesPerDay", "minRestMinutes", "name", "reminderMinutes", "startsAt", "timezone" FROM "Operation";
DROP TABLE "Operation";
ALTER TABLE "new_Operation" RENAME TO "Operation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "WallLink_tokenHash_key" ON "WallLink"("tokenHash");

-- CreateIndex
CREATE INDEX "WallLink_operationId_createdAt_idx" ON "WallLink"("operationId", "createdAt");
