import { describeEvidenceFiles, diskEvidence } from './blob-suite';

describeEvidenceFiles(diskEvidence);
