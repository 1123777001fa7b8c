-- AddForeignKey
ALTER TABLE "CertificateClaim" ADD CONSTRAINT "CertificateClaim_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateClaim" ADD CONSTRAINT "CertificateClaim_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateClaim" ADD CONSTRAINT "CertificateClaim_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "CandidateRegistration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateClaim" ADD CONSTRAINT "CertificateClaim_specId_fkey" FOREIGN KEY ("specId") REFERENCES "QualificationSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateClaim" ADD CONSTRAINT "CertificateClaim_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateClaim" ADD CONSTRAINT "CertificateClaim_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "CertificateClaim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimDecision" ADD CONSTRAINT "ClaimDecision_evId_fkey" FOREIGN KEY ("evId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvVisit" ADD CONSTRAINT "EvVisit_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvVisit" ADD CONSTRAINT "EvVisit_evId_fkey" FOREIGN KEY ("evId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvSampleItem" ADD CONSTRAINT "EvSampleItem_signOffId_fkey" FOREIGN KEY ("signOffId") REFERENCES "UnitSignOff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvActionResponse" ADD CONSTRAINT "EvActionResponse_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplePackLink" ADD CONSTRAINT "SamplePackLink_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplePackLink" ADD CONSTRAINT "SamplePackLink_evId_fkey" FOREIGN KEY ("evId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplePackLink" ADD CONSTRAINT "SamplePackLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
