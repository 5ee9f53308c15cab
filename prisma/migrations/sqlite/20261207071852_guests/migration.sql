-- AlterTable
ALTER TABLE "Zone" ADD COLUMN "guestPhone" TEXT;

-- AlterTable
ALTER TABLE "VolunteerProfile" ADD COLUMN "armband" TEXT;

-- CreateTable
CREATE TABLE "GuestCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "postId" TEXT,
    "code" TEXT NOT NULL,
    "label" TEXT,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuestCard_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestCard_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestCard_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuestHelpRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "locale" TEXT NOT NULL,
    "lat" REAL,
    "lng" REAL,
    "accuracy" REAL,
    "nearestPostId" TEXT,
    "hasPhoto" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "takenById" TEXT,
    "takenAt" DATETIME,
    "closedAt" DATETIME,
    "expired" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuestHelpRequest_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "GuestCard" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestHelpRequest_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestHelpRequest_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestHelpRequest_nearestPostId_fkey" FOREIGN KEY ("nearestPostId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GuestHelpRequest_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuestHelpPhoto" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "GuestHelpPhoto_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "GuestHelpRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuestRateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LostFoundItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "description" TEXT NOT NULL,
    "place" TEXT,
    "zoneId" TEXT,
    "happenedAt" DATETIME NOT NULL,
    "hasPhoto" BOOLEAN NOT NULL DEFAULT false,
    "requestId" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "foundItemId" TEXT,
    "matchedAt" DATETIME,
    "matchedById" TEXT,
    "handedOverAt" DATETIME,
    "handedOverById" TEXT,
    "receiverName" TEXT,
    "proof" TEXT,
    "proofNote" TEXT,
    CONSTRAINT "LostFoundItem_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LostFoundItem_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LostFoundItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "GuestHelpRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LostFoundItem_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LostFoundItem_matchedById_fkey" FOREIGN KEY ("matchedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LostFoundItem_handedOverById_fkey" FOREIGN KEY ("handedOverById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LostFoundItem_foundItemId_fkey" FOREIGN KEY ("foundItemId") REFERENCES "LostFoundItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LostFoundPhoto" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "LostFoundPhoto_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LostFoundItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GuestCard_code_key" ON "GuestCard"("code");

-- CreateIndex
CREATE INDEX "GuestCard_operationId_zoneId_idx" ON "GuestCard"("operationId", "zoneId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestHelpRequest_tokenHash_key" ON "GuestHelpRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "GuestHelpRequest_zoneId_status_createdAt_idx" ON "GuestHelpRequest"("zoneId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "GuestHelpRequest_operationId_status_createdAt_idx" ON "GuestHelpRequest"("operationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "GuestHelpRequest_status_expiresAt_idx" ON "GuestHelpRequest"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LostFoundItem_requestId_key" ON "LostFoundItem"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "LostFoundItem_foundItemId_key" ON "LostFoundItem"("foundItemId");

-- CreateIndex
CREATE INDEX "LostFoundItem_operationId_kind_status_happenedAt_idx" ON "LostFoundItem"("operationId", "kind", "status", "happenedAt");
