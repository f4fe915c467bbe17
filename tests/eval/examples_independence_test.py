#!/usr/bin/env python3
"""Fails when an example question of a knowledge base is a development-set
question in other words: the development sets validate and calibrate, they
never become content (tests/eval/README.md).

Usage: examples_independence_test.py KNOWLEDGE_BASE EVAL_DIR

Two questions count as the same when, as sets of lower-case words, they
share at least 55 % of their words (Jaccard), or when one's words (three or
more) appear in order inside the other's.
"""
import glob
import os
import re
import sys

MIN_SHARED = 0.55
MIN_CONTAINED_WORDS = 3


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def example_questions(path):
    text = open(path, encoding="utf-8").read()
    for quoted in re.findall(r'^\s*questions:\s*"((?:[^"\\]|\\.)*)"\s*$', text, re.M):
        yield re.sub(r"\\(.)", r"\1", quoted)


def development_questions(directory):
    for path in sorted(glob.glob(os.path.join(directory, "*.tsv"))):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            for column in line.rstrip("\n").split("\t")[1:]:
                if len(words(column)) >= 2:
                    yield os.path.basename(path), column


def same(a_words, b_words):
    a, b = set(a_words), set(b_words)
    if len(a & b) >= MIN_SHARED * len(a | b):
        return True
    a_text, b_text = " %s " % " ".join(a_words), " %s " % " ".join(b_words)
    return (len(b_words) >= MIN_CONTAINED_WORDS and b_text in a_text) or (
        len(a_words) >= MIN_CONTAINED_WORDS and a_text in b_text)


def main():
    knowledge_base, directory = sys.argv[1], sys.argv[2]
    development = [(source, question, words(question))
                   for source, question in development_questions(directory)]
    found = 0
    for example in example_questions(knowledge_base):
        example_words = words(example)
        for source, question, question_words in development:
            if same(example_words, question_words):
                print("example %r repeats %s: %r" % (example, source, question))
                found += 1
                break
    print("%d example questions repeat a development-set question" % found)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
