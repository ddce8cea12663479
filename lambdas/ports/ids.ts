/** Makes a new sortable id (time-ordered), so lists and timelines sort by creation. */
export type IdGenerator = () => string;
