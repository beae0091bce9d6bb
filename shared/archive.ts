/** Yearly campaign archives (归档): what the contract carries about them. */

/** A campaign that ended over a year ago and can move into its year's archive. */
export interface ArchiveCandidate {
  id: string;
  name: string;
  endDate: string;
  /** The archive file it goes to: the year it ended. */
  year: number;
  targets: number;
  visits: number;
}

export interface ArchivedCampaign {
  id: string;
  name: string;
  year: number;
  targets: number;
  visits: number;
  archivedAt: string;
}

export interface ArchiveOverview {
  candidates: ArchiveCandidate[];
  archived: ArchivedCampaign[];
  /** Years whose archive file is missing from the data folder (restore it from a backup to read them). */
  missingYears: number[];
}

export interface ArchiveRunResult {
  campaigns: number;
  targets: number;
  visits: number;
  years: number[];
  /** The working image before and after (bytes), so the clerk sees what it gained. */
  imageBefore: number;
  imageAfter: number;
}
