// The questions put to the user that are still waiting (a restore, a workspace endpoint, a project MCP server),
// each settled once: by the user's answer, by the prompt going away, or by automation in development and test
// hosts answering as the user would. Whichever comes first wins; later answers are ignored.
export class PendingQuestions<Question, Answer> {
  private readonly waiting: { question: Question; settle(answer: Answer): void }[] = [];

  /** Starts waiting on `question`; the returned function settles it, running `onAnswer` the first time only. */
  open(question: Question, onAnswer: (answer: Answer) => void): (answer: Answer) => void {
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      this.waiting.splice(this.waiting.findIndex((entry) => entry.settle === settle), 1);
      onAnswer(answer);
    };
    this.waiting.push({ question, settle });
    return settle;
  }

  /** Every question still waiting, oldest first. */
  questions(): Question[] {
    return this.waiting.map((entry) => entry.question);
  }

  /** The newest question still waiting. */
  latest(): Question | undefined {
    return this.waiting.at(-1)?.question;
  }

  /** Answers the newest waiting question that `which` picks; false when none is waiting. */
  answer(answer: Answer, which: (question: Question) => boolean = () => true): boolean {
    const entry = [...this.waiting].reverse().find((candidate) => which(candidate.question));
    entry?.settle(answer);
    return entry !== undefined;
  }
}
