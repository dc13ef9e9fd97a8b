/** Answers a word's length; other services reach it through the ARN this stack exports. */
export const handler = async (event: { word?: string }): Promise<{ word: string; length: number }> => {
  const word = event.word ?? '';
  return { word, length: word.length };
};
