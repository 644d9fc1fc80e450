// Placeholder replaced by the database setup (creates and migrates megaphone_test).
export default async function setup(): Promise<void> {}
