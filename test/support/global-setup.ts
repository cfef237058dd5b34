import { prepareServerTemplate } from './databases.ts';

export default async function setup(): Promise<void> {
  await prepareServerTemplate();
}
