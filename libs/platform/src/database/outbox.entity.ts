import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** TypeORM mapping of the outbox table (the relay itself uses set-based SQL; this is for inspection and tests). */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text', nullable: true })
  key!: string | null;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
