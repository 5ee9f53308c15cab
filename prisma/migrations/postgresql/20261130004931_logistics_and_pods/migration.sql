-- CreateEnum
CREATE TYPE "MovementKind" AS ENUM ('RECEIVED', 'TRANSFER', 'ISSUED', 'WASTED', 'ADJUSTED');

-- CreateEnum
CREATE TYPE "SupplyRequestStatus" AS ENUM ('REQUESTED', 'ACCEPTED', 'PICKED', 'DELIVERED', 'RECEIVED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PodBookingStatus" AS ENUM ('BOOKED', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED', 'RELEASED');

-- CreateTable
CREATE TABLE "Item" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "isMeal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockMovement" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "kind" "MovementKind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "fromPostId" TEXT,
    "toPostId" TEXT,
    "lot" TEXT NOT NULL DEFAULT '',
    "reason" TEXT,
    "supplier" TEXT,
    "requestId" TEXT,
    "correctsId" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockBalance" (
    "itemId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "lot" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StockBalance_pkey" PRIMARY KEY ("itemId","postId","lot")
);

-- CreateTable
CREATE TABLE "StockThreshold" (
    "itemId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "minimum" INTEGER NOT NULL,

    CONSTRAINT "StockThreshold_pkey" PRIMARY KEY ("itemId","postId")
);

-- CreateTable
CREATE TABLE "SupplyRequest" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "requesterId" TEXT,
    "status" "SupplyRequestStatus" NOT NULL DEFAULT 'REQUESTED',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "depotId" TEXT,
    "handlerId" TEXT,
    "declineReason" TEXT,
    "clientId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMP(3),
    "pickedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "SupplyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplyRequestLine" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "SupplyRequestLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MealServing" (
    "id" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "servedById" TEXT,
    "method" TEXT NOT NULL,
    "servedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MealServing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pod" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "postId" TEXT,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "amenities" TEXT NOT NULL DEFAULT '',
    "slotMinutes" INTEGER NOT NULL DEFAULT 20,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PodBooking" (
    "id" TEXT NOT NULL,
    "podId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "shiftId" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "place" INTEGER NOT NULL,
    "status" "PodBookingStatus" NOT NULL DEFAULT 'BOOKED',
    "placeKey" TEXT,
    "activeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedInAt" TIMESTAMP(3),
    "checkedOutAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "PodBooking_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_fromPostId_fkey" FOREIGN KEY ("fromPostId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_toPostId_fkey" FOREIGN KEY ("toPostId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SupplyRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "StockMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockThreshold" ADD CONSTRAINT "StockThreshold_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockThreshold" ADD CONSTRAINT "StockThreshold_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyRequest" ADD CONSTRAINT "SupplyRequest_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyRequest" ADD CONSTRAINT "SupplyRequest_depotId_fkey" FOREIGN KEY ("depotId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyRequest" ADD CONSTRAINT "SupplyRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyRequest" ADD CONSTRAINT "SupplyRequest_handlerId_fkey" FOREIGN KEY ("handlerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyRequestLine" ADD CONSTRAINT "SupplyRequestLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SupplyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplyRequestLine" ADD CONSTRAINT "SupplyRequestLine_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MealServing" ADD CONSTRAINT "MealServing_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MealServing" ADD CONSTRAINT "MealServing_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MealServing" ADD CONSTRAINT "MealServing_servedById_fkey" FOREIGN KEY ("servedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pod" ADD CONSTRAINT "Pod_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pod" ADD CONSTRAINT "Pod_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PodBooking" ADD CONSTRAINT "PodBooking_podId_fkey" FOREIGN KEY ("podId") REFERENCES "Pod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PodBooking" ADD CONSTRAINT "PodBooking_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PodBooking" ADD CONSTRAINT "PodBooking_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift"("id") ON DELETE SET NULL ON UPDATE CASCADE;
