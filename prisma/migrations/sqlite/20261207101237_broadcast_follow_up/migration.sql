-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Broadcast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "authorId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "audience" TEXT NOT NULL,
    "urgency" TEXT NOT NULL DEFAULT 'NORMAL',
    "requireAck" BOOLEAN NOT NULL DEFAULT false,
    "recipientCount" INTEGER NOT NULL DEFAULT 0,
    "round" INTEGER NOT NULL DEFAULT 0,
    "followUpMinutes" INTEGER,
    "followUpStep" INTEGER NOT NULL DEFAULT 0,
    "followUpAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Broadcast_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Broadcast_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Broadcast" ("audience", "authorId", "body", "createdAt", "id", "operationId", "recipientCount", "requireAck", "round", "title", "translations", "urgency") SELECT "audience", "authorId", "body", "createdAt", "id", "operationId", "recipientCount", "requireAck", "round", "title", "translations", "urgency" FROM "Broadcast";
DROP TABLE "Broadcast";
ALTER TABLE "new_Broadcast" RENAME TO "Broadcast";
CREATE INDEX "Broadcast_operationId_createdAt_idx" ON "Broadcast"("operationId", "createdAt");
CREATE INDEX "Broadcast_followUpAt_idx" ON "Broadcast"("followUpAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
