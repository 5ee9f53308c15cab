-- CreateTable
CREATE TABLE "Item" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "isMeal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Item_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockMovement" (
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
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StockMovement_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_fromPostId_fkey" FOREIGN KEY ("fromPostId") REFERENCES "Post" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_toPostId_fkey" FOREIGN KEY ("toPostId") REFERENCES "Post" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SupplyRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StockMovement_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "StockMovement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockBalance" (
    "itemId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "lot" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("itemId", "postId", "lot"),
    CONSTRAINT "StockBalance_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StockBalance_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockThreshold" (
    "itemId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "minimum" INTEGER NOT NULL,

    PRIMARY KEY ("itemId", "postId"),
    CONSTRAINT "StockThreshold_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StockThreshold_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupplyRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "requesterId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'REQUESTED',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "depotId" TEXT,
    "handlerId" TEXT,
    "declineReason" TEXT,
    "clientId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" DATETIME,
    "pickedAt" DATETIME,
    "deliveredAt" DATETIME,
    "receivedAt" DATETIME,
    "closedAt" DATETIME,
    CONSTRAINT "SupplyRequest_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupplyRequest_depotId_fkey" FOREIGN KEY ("depotId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SupplyRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SupplyRequest_handlerId_fkey" FOREIGN KEY ("handlerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupplyRequestLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "SupplyRequestLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SupplyRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupplyRequestLine_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MealServing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "servedById" TEXT,
    "method" TEXT NOT NULL,
    "servedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MealServing_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MealServing_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MealServing_servedById_fkey" FOREIGN KEY ("servedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "postId" TEXT,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "amenities" TEXT NOT NULL DEFAULT '',
    "slotMinutes" INTEGER NOT NULL DEFAULT 20,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Pod_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pod_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PodBooking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "podId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "shiftId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "place" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'BOOKED',
    "placeKey" TEXT,
    "activeKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedInAt" DATETIME,
    "checkedOutAt" DATETIME,
    "endedAt" DATETIME,
    "remindedAt" DATETIME,
    CONSTRAINT "PodBooking_podId_fkey" FOREIGN KEY ("podId") REFERENCES "Pod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PodBooking_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PodBooking_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Item_operationId_name_key" ON "Item"("operationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "StockMovement_correctsId_key" ON "StockMovement"("correctsId");

-- CreateIndex
CREATE INDEX "StockMovement_operationId_createdAt_idx" ON "StockMovement"("operationId", "createdAt");

-- CreateIndex
CREATE INDEX "StockMovement_itemId_createdAt_idx" ON "StockMovement"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "StockMovement_requestId_idx" ON "StockMovement"("requestId");

-- CreateIndex
CREATE INDEX "StockBalance_postId_idx" ON "StockBalance"("postId");

-- CreateIndex
CREATE UNIQUE INDEX "SupplyRequest_clientId_key" ON "SupplyRequest"("clientId");

-- CreateIndex
CREATE INDEX "SupplyRequest_operationId_status_createdAt_idx" ON "SupplyRequest"("operationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "SupplyRequest_postId_createdAt_idx" ON "SupplyRequest"("postId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SupplyRequestLine_requestId_itemId_key" ON "SupplyRequestLine"("requestId", "itemId");

-- CreateIndex
CREATE INDEX "MealServing_servedAt_idx" ON "MealServing"("servedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MealServing_shiftId_userId_key" ON "MealServing"("shiftId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Pod_operationId_name_key" ON "Pod"("operationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PodBooking_placeKey_key" ON "PodBooking"("placeKey");

-- CreateIndex
CREATE UNIQUE INDEX "PodBooking_activeKey_key" ON "PodBooking"("activeKey");

-- CreateIndex
CREATE INDEX "PodBooking_podId_startsAt_idx" ON "PodBooking"("podId", "startsAt");

-- CreateIndex
CREATE INDEX "PodBooking_status_startsAt_idx" ON "PodBooking"("status", "startsAt");

-- CreateIndex
CREATE INDEX "PodBooking_userId_startsAt_idx" ON "PodBooking"("userId", "startsAt");
