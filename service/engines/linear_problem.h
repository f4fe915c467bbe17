#ifndef ADVISOR_SERVICE_ENGINES_LINEAR_PROBLEM_H_
#define ADVISOR_SERVICE_ENGINES_LINEAR_PROBLEM_H_

#include <memory>
#include <vector>

#include "linear.h"
#include "service/text/hashed_features.h"

namespace advisor::engines {

// Frees a model liblinear's train() returned.
struct LinearModelDeleter {
  void operator()(model* trained) const { free_and_destroy_model(&trained); }
};
using LinearModel = std::unique_ptr<model, LinearModelDeleter>;

// One question's row as liblinear reads it: its features (indices from 1),
// the bias feature of value 1 at index buckets + 1, the end marker.
void LinearRow(const std::vector<text::HashedFeature>& features, int buckets,
               std::vector<feature_node>* row);

// Questions' hashed features as liblinear's training problem, one LinearRow
// each. Owns the rows liblinear reads.
class LinearProblem {
 public:
  explicit LinearProblem(int buckets);

  // The index of the bias feature: buckets + 1.
  int bias_index() const { return bias_index_; }

  // Adds a question's features with its label.
  void Add(const std::vector<text::HashedFeature>& features, int label);
  int size() const { return static_cast<int>(labels_.size()); }

  // The problem as liblinear's train() takes it; valid until the next Add.
  const problem& Get();

 private:
  int bias_index_;
  std::vector<std::vector<feature_node>> rows_;
  std::vector<double> labels_;
  std::vector<feature_node*> row_pointers_;
  problem problem_{};
};

// liblinear's parameters for one-vs-rest L2-regularised logistic
// regression solved in the dual (L2R_LR_DUAL): C and the stopping
// tolerance.
parameter DualLogisticRegression(double regularisation, double tolerance);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_LINEAR_PROBLEM_H_
