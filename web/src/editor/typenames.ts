/**
 * The concrete types behind the editor's lists, so urql's document cache refetches a list after
 * a mutation returns one of them — even when the list was empty and named none.
 */
export const commitmentTypenames = ['EnterpriseCommitment', 'TownVillageCommitment', 'UniversityCommitment', 'TrafficPoliceCommitment'];
export const activityTypenames = ['EnterpriseActivity', 'TownVillageActivity', 'UniversityActivity', 'TrafficPoliceActivity'];
