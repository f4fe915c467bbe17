#include "service/engines/linear_problem.h"

namespace advisor::engines {

LinearProblem::LinearProblem(int buckets) : bias_index_(buckets + 1) {}

void LinearRow(const std::vector<text::HashedFeature>& features, int buckets,
               std::vector<feature_node>* row) {
  row->clear();
  row->reserve(features.size() + 2);
  for (const text::HashedFeature& feature : features) {
    row->push_back({feature.bucket + 1, feature.value});
  }
  row->push_back({buckets + 1, 1.0});
  row->push_back({-1, 0.0});
}

void LinearProblem::Add(const std::vector<text::HashedFeature>& features, int label) {
  rows_.emplace_back();
  LinearRow(features, bias_index_ - 1, &rows_.back());
  labels_.push_back(label);
}

const problem& LinearProblem::Get() {
  row_pointers_.clear();
  row_pointers_.reserve(rows_.size());
  for (std::vector<feature_node>& row : rows_) row_pointers_.push_back(row.data());
  problem_.l = static_cast<int>(rows_.size());
  problem_.n = bias_index_;
  problem_.y = labels_.data();
  problem_.x = row_pointers_.data();
  problem_.bias = 1;
  return problem_;
}

parameter DualLogisticRegression(double regularisation, double tolerance) {
  parameter param{};
  param.solver_type = L2R_LR_DUAL;
  param.eps = tolerance;
  param.C = regularisation;
  return param;
}

}  // namespace advisor::engines
