import { Migration } from '@mikro-orm/migrations';

/**
 * Where each member is, for the wall's offline map: longitude and latitude (WGS 84 degrees) and
 * a place name on the membership, set by the coordinator, all optional.
 * (`event_retention` is not an entity: the generated drop of it is left out.)
 */
export class Migration20261130043757 extends Migration {

  override name = 'Migration20261130043757';

  override up(): void | Promise<void> {
    this.addSql(`alter table "membership" add "longitude" double precision null, add "latitude" double precision null, add "place" varchar(100) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "membership" drop column "longitude", drop column "latitude", drop column "place";`);
  }

}
