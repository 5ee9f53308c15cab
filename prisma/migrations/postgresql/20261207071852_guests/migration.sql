-- CreateEnum
CREATE TYPE "GuestHelpKind" AS ENUM ('LOST_WAY', 'LOST_ITEM', 'FOUND_ITEM', 'MEDICAL', 'UNSAFE', 'OTHER');

-- CreateEnum
CREATE TYPE "GuestHelpStatus" AS ENUM ('OPEN', 'TAKEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "LostFoundKind" AS ENUM ('LOST', 'FOUND');

-- CreateEnum
CREATE TYPE "LostFoundStatus" AS ENUM ('OPEN', 'MATCHED', 'RETURNED');

-- CreateEnum
CREATE TYPE "HandoverProof" AS ENUM ('ID_DOCUMENT', 'DESCRIBED_CONTENTS', 'UNLOCKED_DEVICE', 'PHOTO_OF_OWNER_WITH_ITEM', 'OTHER');

-- AlterTable
ALTER TABLE "Zone" ADD COLUMN     "guestPhone" TEXT;

-- AlterTable
ALTER TABLE "VolunteerProfile" ADD COLUMN     "armband" TEXT;

-- CreateTable
CREATE TABLE "GuestCard" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "postId" TEXT,
    "code" TEXT NOT NULL,
    "label" TEXT,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuestCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestHelpRequest" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "kind" "GuestHelpKind" NOT NULL,
    "note" TEXT,
    "locale" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "nearestPostId" TEXT,
    "hasPhoto" BOOLEAN NOT NULL DEFAULT false,
    "status" "GuestHelpStatus" NOT NULL DEFAULT 'OPEN',
    "takenById" TEXT,
    "takenAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "expired" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuestHelpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestHelpPhoto" (
    "requestId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "GuestHelpPhoto_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "GuestRateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuestRateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "LostFoundItem" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "kind" "LostFoundKind" NOT NULL,
    "status" "LostFoundStatus" NOT NULL DEFAULT 'OPEN',
    "description" TEXT NOT NULL,
    "place" TEXT,
    "zoneId" TEXT,
    "happenedAt" TIMESTAMP(3) NOT NULL,
    "hasPhoto" BOOLEAN NOT NULL DEFAULT false,
    "requestId" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "foundItemId" TEXT,
    "matchedAt" TIMESTAMP(3),
    "matchedById" TEXT,
    "handedOverAt" TIMESTAMP(3),
    "handedOverById" TEXT,
    "receiverName" TEXT,
    "proof" "HandoverProof",
    "proofNote" TEXT,

    CONSTRAINT "LostFoundItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LostFoundPhoto" (
    "itemId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "LostFoundPhoto_pkey" PRIMARY KEY ("itemId")
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

-- AddForeignKey
ALTER TABLE "GuestCard" ADD CONSTRAINT "GuestCard_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestCard" ADD CONSTRAINT "GuestCard_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestCard" ADD CONSTRAINT "GuestCard_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestHelpRequest" ADD CONSTRAINT "GuestHelpRequest_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "GuestCard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestHelpRequest" ADD CONSTRAINT "GuestHelpRequest_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestHelpRequest" ADD CONSTRAINT "GuestHelpRequest_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestHelpRequest" ADD CONSTRAINT "GuestHelpRequest_nearestPostId_fkey" FOREIGN KEY ("nearestPostId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestHelpRequest" ADD CONSTRAINT "GuestHelpRequest_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestHelpPhoto" ADD CONSTRAINT "GuestHelpPhoto_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "GuestHelpRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "GuestHelpRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_matchedById_fkey" FOREIGN KEY ("matchedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_handedOverById_fkey" FOREIGN KEY ("handedOverById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundItem" ADD CONSTRAINT "LostFoundItem_foundItemId_fkey" FOREIGN KEY ("foundItemId") REFERENCES "LostFoundItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LostFoundPhoto" ADD CONSTRAINT "LostFoundPhoto_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LostFoundItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
