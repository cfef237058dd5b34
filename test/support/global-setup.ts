import { prepareServerTemplate } from './databases.ts';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  return prepareServerTemplate();
}
