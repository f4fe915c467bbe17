#ifndef ADVISOR_SERVICE_ENGINES_ANSWER_SCORING_H_
#define ADVISOR_SERVICE_ENGINES_ANSWER_SCORING_H_

#include <string>

namespace advisor::engines {

// What is known about one candidate answer to a question: the signals of
// the question model and of retrieval. Filled by KnowledgeAnswerer.
struct CandidateSignals {
  // The question model's probability that the candidate's item answers the
  // question; 0 when the item has no example questions.
  double model_probability = 0;
  // Whether the candidate's item is the model's single most likely label
  // (the out-of-scope label included).
  bool model_top = false;
  // The question model's probability that nothing answers the question.
  double out_of_scope_probability = 0;
  // Retrieval's confidence in the candidate (word overlap, the asked-for
  // field of a named framework), in [0, 1]; 0 when retrieval did not find it.
  double retrieval_confidence = 0;
  // Whether retrieval ranks the candidate first.
  bool retrieval_top = false;
  // Whether the candidate's item has example questions (the model knows it).
  bool has_examples = false;
  // Whether the question names a framework the candidate is about.
  bool names_its_framework = false;
  // Whether the question says the asker works for (or wants to work for)
  // the kind of employer the candidate, a hiring pattern or its learning
  // path, is about ("I work at a bank", "our six-person startup").
  bool names_its_employer = false;
};

// Every constant of the answer's confidence, in one place. The confidence
// is a logistic model of the signals above: the probability that the
// candidate's answer is right. The weights and the threshold are fitted by
// `advisor_calibrate` (tests/eval/README.md) on the three writers'
// development sets, and checked with each writer left out
// (docs/quality.md); refit them whenever the signals, the examples or the
// question model's options change.
struct ScoringParameters {
  // The logistic model's intercept.
  double bias = -0.3879;
  // Weight of log(model_probability), floored at log(kMinProbability):
  // tells a very unlikely item from a merely unlikely one.
  double log_model_probability = 0.1203;
  // Weight of the model's probability of the candidate's item.
  double model_probability = 3.4114;
  // Weight of the item being the model's first choice.
  double model_top = -0.2668;
  // Weight of log(1 - out_of_scope_probability), floored likewise: the
  // model's belief that something answers at all; counted for items with
  // examples only (SignalFeatures).
  double log_in_scope_probability = 2.0679;
  // Weight of retrieval's confidence in the candidate.
  double retrieval_confidence = 3.5644;
  // Weight of the candidate being retrieval's first choice.
  double retrieval_top = 0.5705;
  // Weight of the item having example questions (the model knows it).
  double has_examples = -0.8947;
  // Weight of the question naming a framework the candidate is about.
  double names_its_framework = 0.0934;
  // Weight of the question naming the kind of employer the candidate is
  // about.
  double names_its_employer = 1.3669;
  // A question is answered from this confidence on: the lowest at which
  // every writer left out of the fit gets "no answer" for at least 95 % of
  // the questions the knowledge base does not answer (advisor_calibrate
  // --threshold).
  double answer_threshold = 0.70;
  // Alternatives below this confidence are not listed.
  double min_alternative_confidence = 0.05;
  // A curated FAQ entry answers instead of the best candidate when its own
  // confidence reaches the threshold and is at most this much lower: its
  // answer is the most precise there is.
  double faq_preference_margin = 0.15;
};

// The smallest probability the logarithms above are taken of.
inline constexpr double kMinProbability = 1e-4;

// The signals as the logistic model reads them, in the order of the
// weights in ScoringParameters (without the bias).
inline constexpr int kSignalCount = 9;
void SignalFeatures(const CandidateSignals& signals, double (&features)[kSignalCount]);

// The weights of `parameters`, in SignalFeatures' order.
void SignalWeights(const ScoringParameters& parameters, double (&weights)[kSignalCount]);

// The calibrated confidence that a candidate with these signals is right.
double CandidateConfidence(const CandidateSignals& signals, const ScoringParameters& parameters);

// How `signals` add up to their confidence, one term per signal, e.g.
// "bias -3.00 + model_probability 0.91*3.00 + ... = 2.10 -> 0.89".
std::string ExplainConfidence(const CandidateSignals& signals, const ScoringParameters& parameters);

// The names of the signals, in SignalFeatures' order.
extern const char* const kSignalNames[kSignalCount];

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_ANSWER_SCORING_H_
