import { Migration } from '@mikro-orm/migrations';

export class Migration20261130120000 extends Migration {

  override name = 'Migration20261130120000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outbox" add column "traceparent" varchar(55) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "outbox" drop column "traceparent";`);
  }

}
