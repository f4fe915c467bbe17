#include "service/engines/answer_scoring.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace advisor::engines {
namespace {

double FlooredLog(double probability) { return std::log(std::max(probability, kMinProbability)); }

}  // namespace

void SignalWeights(const ScoringParameters& parameters, double (&weights)[kSignalCount]) {
  weights[0] = parameters.log_model_probability;
  weights[1] = parameters.model_probability;
  weights[2] = parameters.model_top;
  weights[3] = parameters.log_in_scope_probability;
  weights[4] = parameters.retrieval_confidence;
  weights[5] = parameters.retrieval_top;
  weights[6] = parameters.has_examples;
  weights[7] = parameters.names_its_framework;
  weights[8] = parameters.names_its_employer;
}

const char* const kSignalNames[kSignalCount] = {
    "log_model_probability", "model_probability", "model_top",    "log_in_scope_probability",
    "retrieval_confidence",  "retrieval_top",     "has_examples", "names_its_framework",
    "names_its_employer",
};

void SignalFeatures(const CandidateSignals& signals, double (&features)[kSignalCount]) {
  features[0] = FlooredLog(signals.model_probability);
  features[1] = signals.model_probability;
  features[2] = signals.model_top ? 1 : 0;
  // The model's out-of-scope class was learned against the items it has
  // examples for: to it, a question about an item it never saw (a document
  // imported later) looks out of scope by construction.
  features[3] = signals.has_examples ? FlooredLog(1 - signals.out_of_scope_probability) : 0;
  features[4] = signals.retrieval_confidence;
  features[5] = signals.retrieval_top ? 1 : 0;
  features[6] = signals.has_examples ? 1 : 0;
  features[7] = signals.names_its_framework ? 1 : 0;
  features[8] = signals.names_its_employer ? 1 : 0;
}

double CandidateConfidence(const CandidateSignals& signals, const ScoringParameters& parameters) {
  double features[kSignalCount];
  double weights[kSignalCount];
  SignalFeatures(signals, features);
  SignalWeights(parameters, weights);
  double logit = parameters.bias;
  for (int i = 0; i < kSignalCount; ++i) logit += weights[i] * features[i];
  return 1 / (1 + std::exp(-logit));
}

std::string ExplainConfidence(const CandidateSignals& signals,
                              const ScoringParameters& parameters) {
  double features[kSignalCount];
  double weights[kSignalCount];
  SignalFeatures(signals, features);
  SignalWeights(parameters, weights);
  double logit = parameters.bias;
  std::string out = absl::StrFormat("bias %.2f", parameters.bias);
  for (int i = 0; i < kSignalCount; ++i) {
    const double weight = weights[i];
    if (weight == 0) continue;
    logit += weight * features[i];
    absl::StrAppend(&out, absl::StrFormat(" + %s %.3f*%.2f", kSignalNames[i], features[i], weight));
  }
  absl::StrAppend(&out, absl::StrFormat(" = %.2f -> %.3f", logit, 1 / (1 + std::exp(-logit))));
  return out;
}

}  // namespace advisor::engines
